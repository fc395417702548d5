/**
 * OpenPGP for exports: the {@code openpgp} output stage that encrypts (and optionally signs)
 * delivered files, {@link io.exportkit.crypto.OpenPgpDecryptor} to decrypt and verify incoming
 * ones, and the {@link io.exportkit.crypto.EncryptionException} family that tells their failures
 * apart. Interoperable with GnuPG; see {@code docs/crypto.md}.
 */
@NullMarked
package io.exportkit.crypto;

import org.jspecify.annotations.NullMarked;
