/**
 * {@link io.exportkit.scheduling.ExportScheduler}: fires the due exports of an
 * {@link io.exportkit.ExportService}, safely when several nodes share one store. The trigger
 * policies it relies on are in {@link io.exportkit.scheduling.trigger}.
 */
@NullMarked
package io.exportkit.scheduling;

import org.jspecify.annotations.NullMarked;
