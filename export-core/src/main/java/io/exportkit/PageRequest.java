package io.exportkit;

/**
 * Which page of a listing to return.
 *
 * @param page the page index, from 0
 * @param size items per page, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(int page, int size) {
  public static final int MAX_SIZE = 1000;

  public PageRequest {
    if (page < 0) {
      throw new IllegalArgumentException("page must be >= 0: " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ": " + size);
    }
  }

  public static PageRequest of(int page, int size) {
    return new PageRequest(page, size);
  }

  /** The first page of {@code size} items. */
  public static PageRequest first(int size) {
    return new PageRequest(0, size);
  }

  /** Index of the first item of this page. */
  public long offset() {
    return (long) page * size;
  }
}
