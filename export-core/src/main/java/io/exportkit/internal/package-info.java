/** ExportKit's implementation. No compatibility promise: do not use from outside ExportKit. */
@NullMarked
package io.exportkit.internal;

import org.jspecify.annotations.NullMarked;
