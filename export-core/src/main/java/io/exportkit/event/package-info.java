/**
 * Events of export runs, and the {@link io.exportkit.event.ExportListener} a host registers to
 * receive them.
 */
@NullMarked
package io.exportkit.event;

import org.jspecify.annotations.NullMarked;
