/**
 * Statistics of the account's operations (participations, participants, winners, per day) and of
 * its exports, and the optional {@link io.exportkit.statistics.StatisticsSource} through which a
 * host answers the operation figures itself.
 */
@NullMarked
package io.exportkit.statistics;

import org.jspecify.annotations.NullMarked;
