package io.exportkit;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items of this page
 * @param page the page index, from 0
 * @param size the page size asked for
 * @param total how many items the whole listing has
 */
public record Page<T>(List<T> items, int page, int size, long total) {
  public Page {
    items = List.copyOf(items);
  }

  /** Whether a page follows this one. */
  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }
}
