/**
 * Delivery to Google Cloud Storage: the {@code gs} transport, {@link
 * io.exportkit.transport.gcs.GcsTransportProvider}, configured by {@link
 * io.exportkit.transport.gcs.GcsOptions}.
 */
@NullMarked
package io.exportkit.transport.gcs;

import org.jspecify.annotations.NullMarked;
