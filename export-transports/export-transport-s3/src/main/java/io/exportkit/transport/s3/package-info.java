/**
 * Delivery to Amazon S3 and S3-compatible stores: the {@code s3} transport, {@link
 * io.exportkit.transport.s3.S3TransportProvider}, configured by {@link
 * io.exportkit.transport.s3.S3Options}.
 */
@NullMarked
package io.exportkit.transport.s3;

import org.jspecify.annotations.NullMarked;
