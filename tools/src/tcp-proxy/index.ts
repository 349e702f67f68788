export { GRPC_STATUS, startGrpcProxy } from './grpc-proxy.js';
export type { GrpcCall, GrpcCallRecord, GrpcInterceptor, GrpcProxy, GrpcVerdict } from './grpc-proxy.js';
