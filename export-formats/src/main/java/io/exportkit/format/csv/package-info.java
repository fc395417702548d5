/** The CSV format, {@link io.exportkit.format.csv.CsvFormatWriterProvider}, built on Apache Commons CSV. */
@NullMarked
package io.exportkit.format.csv;

import org.jspecify.annotations.NullMarked;
