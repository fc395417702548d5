package io.exportkit.transport.ftp;

/** FTPS with explicit TLS: the server greets in clear text and the client asks for TLS (AUTH TLS). */
class FtpsExplicitTransportContractTest extends FtpsContractTest {

  @Override
  boolean implicitTls() {
    return false;
  }
}
