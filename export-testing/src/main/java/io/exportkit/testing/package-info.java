/**
 * Fakes and contract kits for tests, for hosts and provider authors; add this artifact in test
 * scope.
 *
 * <p>The fakes stand in for what a host plugs into ExportKit: {@link
 * io.exportkit.testing.InMemoryParticipantSource}, {@link
 * io.exportkit.testing.InMemoryOperationDirectory}, {@link
 * io.exportkit.testing.InMemorySecretResolver}, {@link io.exportkit.testing.MutableClock} and
 * {@link io.exportkit.testing.RecordingExportListener}, plus {@link
 * io.exportkit.testing.InMemoryTransport}, a transport that keeps delivered files in memory, and
 * {@link io.exportkit.testing.LinesFormat}, a plain format that needs no format module. The fakes
 * record what they were asked, so that a test can prove what happened.
 *
 * <p>The contract kits, {@link io.exportkit.testing.TransportContractTest} and {@link
 * io.exportkit.testing.FormatWriterContractTest}, are abstract JUnit 5 classes that a provider's
 * test extends to check the rules every provider of its kind keeps.
 */
@NullMarked
package io.exportkit.testing;

import org.jspecify.annotations.NullMarked;
