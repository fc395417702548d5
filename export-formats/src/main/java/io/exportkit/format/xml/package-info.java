/**
 * The XML format, {@link io.exportkit.format.xml.XmlFormatWriterProvider}, written with the JDK's
 * StAX {@code XMLStreamWriter}.
 */
@NullMarked
package io.exportkit.format.xml;

import org.jspecify.annotations.NullMarked;
