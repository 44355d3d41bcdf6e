#include "services/common/server.h"

#include <signal.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/server_builder.h"

namespace assure {

Server::Server(ServerConfig config, std::shared_ptr<prometheus::Registry> registry)
    : config_(std::move(config)), registry_(std::move(registry)), rpc_metrics_(*registry_) {}

Server::~Server() { Shutdown(); }

void Server::AddService(grpc::Service* service, const std::string& full_name) {
  services_.emplace_back(service, full_name);
}

void Server::AddCollectable(std::weak_ptr<prometheus::Collectable> collectable) {
  collectables_.push_back(std::move(collectable));
}

std::shared_ptr<grpc::ServerCredentials> Server::Credentials() const {
  if (config_.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  constexpr unsigned kRereadSeconds = 60;
  auto files = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      config_.tls_key_file, config_.tls_cert_file, kRereadSeconds);
  grpc::experimental::TlsServerCredentialsOptions options(files);
  options.watch_identity_key_cert_pairs();
  options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  return grpc::experimental::TlsServerCredentials(options);
}

absl::Status Server::Start() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  std::vector<std::string> names;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config_.grpc_address, Credentials(), &port_);
  for (auto& [service, name] : services_) {
    builder.RegisterService(service);
    names.push_back(name);
  }
  rpc_metrics_.Preregister(names);
  builder.SetMaxReceiveMessageSize(config_.max_message_bytes);
  builder.SetMaxSendMessageSize(config_.max_message_bytes);
  // Keepalive: notice dead peers behind load balancers, tolerate clients' pings.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  // Clients reconnect every few minutes, so a replica added later gets its share of a
  // long-lived channel's calls (calls in flight get 30 s to finish).
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, 5 * 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS, 30 * 1000);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> observers;
  if (config_.access_log) access_log_ = std::make_unique<AccessLog>(config_.access_log_fd);
  observers.push_back(std::make_unique<RpcObserverFactory>(rpc_metrics_, access_log_.get(),
                                                           config_.caller_of));
  builder.experimental().SetInterceptorCreators(std::move(observers));
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config_.grpc_address));
  }
  SetServing(false);
  if (!config_.metrics_address.empty()) {
    try {
      exposer_ = std::make_unique<prometheus::Exposer>(config_.metrics_address);
    } catch (const std::exception& e) {
      return absl::UnavailableError(
          absl::StrCat("cannot serve /metrics on ", config_.metrics_address, ": ", e.what()));
    }
    exposer_->RegisterCollectable(registry_);
    for (const auto& c : collectables_) exposer_->RegisterCollectable(c);
  }
  return absl::OkStatus();
}

std::string Server::address() const { return BoundAddress(config_.grpc_address, port_); }

std::string Server::metrics_address() const {
  if (!exposer_) return "";
  const std::vector<int> ports = exposer_->GetListeningPorts();
  return ports.empty() ? config_.metrics_address : BoundAddress(config_.metrics_address, ports[0]);
}

Listeners Server::listeners() const {
  Listeners l = {{"grpc", address()}};
  if (exposer_) l.emplace_back("metrics", metrics_address());
  return l;
}

void Server::SetServing(bool serving) {
  if (!server_) return;
  auto* health = server_->GetHealthCheckService();
  health->SetServingStatus(serving);
  for (auto& [service, name] : services_) health->SetServingStatus(name, serving);
}

void Server::SetServiceServing(const std::string& service, bool serving) {
  if (server_) server_->GetHealthCheckService()->SetServingStatus(service, serving);
}

void Server::PrepareProcess() {
#ifdef NDEBUG
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void Server::WaitForShutdownSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal = 0;
  sigwait(&set, &signal);
}

void Server::Shutdown() {
  if (!server_) return;
  SetServing(false);
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMicroseconds(config_.drain_timeout));
  server_->Wait();
  server_.reset();
  access_log_.reset();  // every call's line is written before the process says it stopped
  exposer_.reset();
}

}  // namespace assure
