/**
 * Delivery over FTP and FTPS with Apache Commons Net: {@code ftp://} and {@code ftps://} (explicit
 * TLS, or implicit with {@code implicitTls=true}). Only the two providers are public; they are
 * found through {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.exportkit.transport.ftp;

import org.jspecify.annotations.NullMarked;
