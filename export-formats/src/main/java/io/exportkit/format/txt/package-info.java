/**
 * The plain-text format, {@link io.exportkit.format.txt.TxtFormatWriterProvider}: tab-separated or
 * fixed-width lines, with no dependency beyond the JDK.
 */
@NullMarked
package io.exportkit.format.txt;

import org.jspecify.annotations.NullMarked;
