/** Delivery to local storage: the built-in {@code file:} transport. */
@NullMarked
package io.exportkit.transport.file;

import org.jspecify.annotations.NullMarked;
