/**
 * Throughput of the transports against the bare client libraries underneath, uploading to servers
 * on loopback, with the peak heap of each iteration.
 */
@NullMarked
package io.exportkit.benchmarks.transport;

import org.jspecify.annotations.NullMarked;
