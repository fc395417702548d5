package io.exportkit.transport.ftp;

/** FTPS with implicit TLS: TLS from the first byte. */
class FtpsImplicitTransportContractTest extends FtpsContractTest {

  @Override
  boolean implicitTls() {
    return true;
  }
}
