package io.exportkit.format.xml;

import io.exportkit.FormatException;
import io.exportkit.ParticipantRecord;
import io.exportkit.format.internal.Cells;
import io.exportkit.format.internal.UniqueNames;
import io.exportkit.format.xml.XmlOptions.InvalidChars;
import io.exportkit.spi.FormatWriter;
import io.exportkit.spi.Schema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes one XML file through the JDK's StAX {@link XMLStreamWriter}. Not thread-safe. */
final class XmlFormatWriter implements FormatWriter {

  private static final char REPLACEMENT = '\uFFFD';

  private final Writer text;
  private final XMLStreamWriter xml;
  private final XmlOptions options;
  private final Schema schema;
  private final Cells cells;
  private final String[] names;

  private XmlFormatWriter(Writer text, XMLStreamWriter xml, XmlOptions options, Schema schema, Cells cells,
      String[] names) {
    this.text = text;
    this.xml = xml;
    this.options = options;
    this.schema = schema;
    this.cells = cells;
    this.names = names;
  }

  /** Opens a writer and writes the XML declaration and the root element's start tag. */
  static XmlFormatWriter open(OutputStream out, Schema schema, XmlOptions options) throws IOException {
    Cells cells = Cells.of(schema, false);
    String[] names = UniqueNames.of(schema.labels().stream().map(XmlNames::of).toList()).toArray(String[]::new);
    // Not the OutputStreamWriter itself: given one, the JDK's writer checks every character against
    // its charset and writes supplementary characters as references (&#x1f600;); UTF-8 needs none.
    // The BufferedWriter is also the faster of the two on a 2-core machine.
    Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    try {
      // The JDK's own writer, not whichever StAX implementation the class path holds: the output
      // must not depend on the host's class path.
      XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement(options.rootElement());
      return new XmlFormatWriter(text, xml, options, schema, cells, names);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  @Override
  public void write(ParticipantRecord record) throws IOException {
    String[] values = cells.format(record);
    if (options.invalidChars() == InvalidChars.REJECT) {
      rejectInvalid(values);
    }
    try {
      xml.writeCharacters("\n  ");
      xml.writeStartElement(options.rowElement());
      for (int i = 0; i < values.length; i++) {
        // A null value has no element: an empty element is an empty text.
        if (values[i] != null) {
          xml.writeStartElement(names[i]);
          writeText(values[i]);
          xml.writeEndElement();
        }
      }
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  @Override
  public void finish() throws IOException {
    if (!cells.finish()) {
      return;
    }
    try {
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      // Frees the writer; StAX writers never close the stream under them.
      xml.close();
    } catch (XMLStreamException e) {
      throw io(e);
    }
    text.write('\n');
    text.flush();
  }

  private void rejectInvalid(String[] values) {
    for (int i = 0; i < values.length; i++) {
      int at = values[i] == null ? -1 : firstSpecial(values[i], false);
      if (at >= 0) {
        throw new FormatException("row " + cells.records() + ", column '" + schema.columns().get(i).name() + "' holds "
            + String.format(Locale.ROOT, "U+%04X", (int) values[i].charAt(at)) + ", a character that XML 1.0 does"
            + " not allow; remove it at the source or set " + XmlOptions.INVALID_CHARS + "=replace", null);
      }
    }
  }

  /**
   * Writes {@code value} as an element's text. Parsers turn a CR, or CR LF, into LF, so a CR is
   * written as the reference {@code &#13;}, which they keep; a character that XML does not allow
   * is replaced (it was rejected earlier otherwise).
   */
  private void writeText(String value) throws XMLStreamException {
    int special = firstSpecial(value, true);
    if (special < 0) {
      xml.writeCharacters(value);
      return;
    }
    StringBuilder run = new StringBuilder(value.length());
    run.append(value, 0, special);
    for (int i = special; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r') {
        xml.writeCharacters(run.toString());
        run.setLength(0);
        xml.writeEntityRef("#13");
      } else if (isAllowed(c)) {
        run.append(c);
      } else if (isPairAt(value, i)) {
        run.append(c).append(value.charAt(++i));
      } else {
        run.append(REPLACEMENT);
      }
    }
    xml.writeCharacters(run.toString());
  }

  /**
   * The index of the first character of {@code value} that XML 1.0 does not allow (or that is a
   * CR, with {@code orCr}), or -1.
   */
  private static int firstSpecial(String value, boolean orCr) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isAllowed(c)) {
        if (c == '\r' && orCr) {
          return i;
        }
      } else if (isPairAt(value, i)) {
        i++;
      } else {
        return i;
      }
    }
    return -1;
  }

  /** XML 1.0's Char production, for one UTF-16 unit that is not a surrogate. */
  private static boolean isAllowed(char c) {
    return c >= 0x20 && c <= 0xD7FF || c == '\t' || c == '\n' || c == '\r' || c >= 0xE000 && c <= 0xFFFD;
  }

  /** Whether a surrogate pair, that is a supplementary character, which XML allows, starts at {@code i}. */
  private static boolean isPairAt(String value, int i) {
    return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(i + 1));
  }

  private static IOException io(XMLStreamException e) {
    return e.getCause() instanceof IOException cause ? cause : new IOException(e.getMessage(), e);
  }
}
