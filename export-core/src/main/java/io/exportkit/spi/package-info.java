/**
 * What provider authors implement: formats ({@link io.exportkit.spi.FormatWriterProvider}),
 * transports ({@link io.exportkit.spi.TransportProvider}), output stages such as compression and
 * encryption ({@link io.exportkit.spi.OutputStageProvider}) and trigger policies
 * ({@link io.exportkit.spi.TriggerPolicyProvider}).
 *
 * <p>Providers are stateless factories with a public no-argument constructor, registered in
 * {@code META-INF/services/<interface name>} and found through {@link java.util.ServiceLoader}, or
 * handed to {@code ExportService.builder()} by hand. Their id is lower-case and stable.
 *
 * <p>Stream ownership, everywhere: whoever opens a stream closes it. Writers and stages never close
 * what they were handed, except that closing a stage's stream closes the stream below it, as JDK
 * decorators do.
 */
@NullMarked
package io.exportkit.spi;

import org.jspecify.annotations.NullMarked;
