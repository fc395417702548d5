/**
 * What the format writers share: value formatting and formula neutralisation. No compatibility
 * promise: do not use from outside ExportKit.
 */
@NullMarked
package io.exportkit.format.internal;

import org.jspecify.annotations.NullMarked;
