/**
 * The OpenPGP implementation: key handling, the message writer and reader, the JDK-backed cipher.
 * No compatibility promise: use {@link io.exportkit.crypto} instead.
 */
@NullMarked
package io.exportkit.crypto.internal;

import org.jspecify.annotations.NullMarked;
