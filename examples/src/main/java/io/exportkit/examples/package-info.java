/**
 * Runnable examples of embedding ExportKit: {@link io.exportkit.examples.DemoCommand}, the demo
 * command line, over {@link io.exportkit.examples.SyntheticAccount}, a deterministic synthetic
 * account that plays the host's data.
 */
@NullMarked
package io.exportkit.examples;

import org.jspecify.annotations.NullMarked;
