/**
 * The JSON format, {@link io.exportkit.format.json.JsonFormatWriterProvider}, written with Jackson's
 * streaming {@code JsonGenerator}.
 */
@NullMarked
package io.exportkit.format.json;

import org.jspecify.annotations.NullMarked;
