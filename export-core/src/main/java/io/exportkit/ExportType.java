package io.exportkit;

/** The three kinds of export the product offers. */
public enum ExportType {
  /** One operation, every column of the chosen content, nothing to configure. */
  RAPID,
  /** One operation, the fields the customer picked (order, labels, value format). A paid option. */
  CUSTOM,
  /** Every operation of a period, or a chosen subset of them. */
  GLOBAL
}
