package io.exportkit.transport.gcs;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.exportkit.Destination;
import io.exportkit.spi.TransportProvider;
import io.exportkit.testing.TransportContractTest;
import java.util.Optional;

/**
 * The transport contract against google-cloud-nio's {@code LocalStorageHelper}, Google's in-process
 * fake of the storage service, handed to the provider as the host's client.
 */
class GcsLocalStorageContractTest extends TransportContractTest {
  private final Storage storage = LocalStorageHelper.getOptions().getService();

  @Override
  protected TransportProvider provider() {
    return new GcsTransportProvider(storage);
  }

  @Override
  protected Destination destination() {
    return Destination.of("gs://exports/contract/?chunkSize=1MiB");
  }

  @Override
  protected Optional<byte[]> read(String fileName) {
    try {
      Blob blob = storage.get("exports", "contract/" + fileName);
      return blob == null ? Optional.empty() : Optional.of(blob.getContent());
    } catch (StorageException e) {
      // The fake answers a missing object with 404 where the real client returns null.
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  protected long largeStreamSize() {
    return 50_000_000;
  }
}
