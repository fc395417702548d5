/**
 * Delivery over SFTP with SSHJ: {@code sftp://user@host:port/folder}. Only the provider is public;
 * it is found through {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.exportkit.transport.sftp;

import org.jspecify.annotations.NullMarked;
