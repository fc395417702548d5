/** JMH benchmarks of the OpenPGP stage against the ciphers underneath and against GnuPG. */
@NullMarked
package io.exportkit.benchmarks.crypto;

import org.jspecify.annotations.NullMarked;
