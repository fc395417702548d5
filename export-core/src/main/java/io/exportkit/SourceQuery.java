package io.exportkit;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a run asks of the {@link ParticipantSource}.
 *
 * @param operationIds the operations whose rows are wanted, in this order
 * @param content which rows: all participations, one per participant, or winners only
 * @param period for global exports, the days (in {@code zone}) whose participations are wanted;
 *     {@code null} for all
 * @param fields the field names wanted, in the order the record's values must follow; for a
 *     global export, the pseudo-field {@link #OPERATION_FIELD} asks for the operation id
 * @param zone the account's time zone, in which {@code period} is meant
 */
public record SourceQuery(List<String> operationIds, Content content, @Nullable Period period, List<String> fields, ZoneId zone) {

  /** Field name of the operation id column that global exports lead with. */
  public static final String OPERATION_FIELD = "operation";

  public SourceQuery {
    operationIds = List.copyOf(operationIds);
    Objects.requireNonNull(content, "content");
    fields = List.copyOf(fields);
    Objects.requireNonNull(zone, "zone");
  }
}
