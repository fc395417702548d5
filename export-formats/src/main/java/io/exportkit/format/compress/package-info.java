/**
 * Compression stages: {@link io.exportkit.format.compress.GzipStageProvider} ({@code gzip},
 * block-parallel on every core) and {@link io.exportkit.format.compress.ZipStageProvider}
 * ({@code zip}, one entry named after the file).
 */
@NullMarked
package io.exportkit.format.compress;

import org.jspecify.annotations.NullMarked;
