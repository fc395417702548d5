/**
 * What the format writers share: value formatting, formula neutralisation, option parsing and
 * unique names. No compatibility promise: do not use from outside ExportKit.
 */
@NullMarked
package io.exportkit.format.internal;

import org.jspecify.annotations.NullMarked;
