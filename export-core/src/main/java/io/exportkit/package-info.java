/**
 * The host-facing API of ExportKit: define exports with {@link io.exportkit.ExportDefinition},
 * drive their lifecycle through {@link io.exportkit.ExportService}, and plug the host's data in
 * through {@link io.exportkit.ParticipantSource}, {@link io.exportkit.OperationDirectory},
 * {@link io.exportkit.ExportStore}, {@link io.exportkit.SecretResolver} and
 * {@link io.exportkit.Entitlements}.
 */
@NullMarked
package io.exportkit;

import org.jspecify.annotations.NullMarked;
