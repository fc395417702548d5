/**
 * The trigger policies: {@code immediate}, {@code planned}, {@code at-end}, {@code daily} and
 * {@code weekly}, found through {@link java.util.ServiceLoader}, and {@link
 * io.exportkit.scheduling.trigger.TriggerPreview} to list a trigger's next fire instants.
 *
 * <p>Local dates and times are meant in the trigger's time zone, with one rule for daylight saving:
 * a local time that does not exist (it falls in the spring-forward gap) fires at the first instant
 * after the gap; one that occurs twice (in the autumn overlap) fires once, at its first occurrence.
 */
@NullMarked
package io.exportkit.scheduling.trigger;

import org.jspecify.annotations.NullMarked;
