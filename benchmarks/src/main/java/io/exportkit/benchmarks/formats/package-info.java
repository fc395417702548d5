/**
 * JMH benchmarks of the formats and compression stages against the bare libraries they are built
 * on, one million rows of twelve fields per operation; see {@code docs/benchmarks.md}.
 */
@NullMarked
package io.exportkit.benchmarks.formats;

import org.jspecify.annotations.NullMarked;
