/**
 * Env that points every client a spawned CLI could create at `127.0.0.1:<trapPort>` (a port that counts and drops
 * connections): HTTP and gRPC proxies (Firestore, Cloud Storage and Google auth honour them), the GCE metadata
 * server the Google auth library probes for credentials, and the Chart-IMG base URL. With HOME an empty directory
 * no gcloud credentials are found either, so a case that reaches for the network shows as a connection.
 */
export function offlineEnv(trapPort: number): Record<string, string> {
  const hostPort = `127.0.0.1:${trapPort}`;
  const url = `http://${hostPort}`;
  return {
    HTTPS_PROXY: url,
    HTTP_PROXY: url,
    https_proxy: url,
    http_proxy: url,
    grpc_proxy: url,
    GCE_METADATA_HOST: hostPort,
    GCE_METADATA_IP: hostPort,
    CHART_IMG_BASE_URL: url,
  };
}
