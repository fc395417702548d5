package io.exportkit.format.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.exportkit.format.WriterRulesContractTest;
import io.exportkit.spi.FormatWriterProvider;
import io.exportkit.spi.Schema;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.SAXParserFactory;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

class XmlFormatWriterContractTest extends WriterRulesContractTest {

  @Override
  protected FormatWriterProvider provider() {
    return new XmlFormatWriterProvider();
  }

  /**
   * The JDK's SAX parser. The contract's labels are XML names already, so each names its element;
   * a missing element reads as null. The file has no header: the labels are the schema's.
   */
  @Override
  protected List<List<@Nullable String>> parse(byte[] file, Schema schema) throws Exception {
    List<Map<String, String>> records = new ArrayList<>();
    SAXParserFactory.newInstance().newSAXParser().parse(new ByteArrayInputStream(file), new DefaultHandler() {
      private int depth;
      private final StringBuilder text = new StringBuilder();

      @Override
      public void startElement(String uri, String localName, String qName, Attributes attributes) {
        depth++;
        if (depth == 2) {
          assertThat(qName).isEqualTo("participant");
          records.add(new LinkedHashMap<>());
        }
        text.setLength(0);
      }

      @Override
      public void characters(char[] ch, int start, int length) {
        text.append(ch, start, length);
      }

      @Override
      public void endElement(String uri, String localName, String qName) {
        if (depth == 3) {
          records.get(records.size() - 1).put(qName, text.toString());
        }
        depth--;
      }
    });
    List<List<@Nullable String>> rows = new ArrayList<>();
    rows.add(schema.labels());
    for (Map<String, String> record : records) {
      assertThat(schema.labels()).containsAll(record.keySet());
      List<@Nullable String> row = new ArrayList<>();
      schema.labels().forEach(label -> row.add(record.get(label)));
      rows.add(row);
    }
    return rows;
  }
}
