#include "services/audits/metrics.h"

namespace assure::audits {
namespace {

constexpr char kOutstanding[] = "assure_audits_outstanding";
constexpr char kRegisterOpen[] = "assure_audits_register_open";

}  // namespace

AuditsMetrics::AuditsMetrics(store::Store& store, const Clock& clock)
    : figures_(std::make_shared<Figures>(
          store, clock,
          std::vector<FigureSpec>{
              {kOutstanding, "Case-file audits assigned and not yet submitted."},
              {kRegisterOpen, "Open cases in the audit register."}})) {}

absl::Status AuditsMetrics::AuditsAssigned(Tx& tx, const std::string& tenant, int64_t count) {
  return Figures::Add(tx, tenant, kOutstanding, {}, count);
}

absl::Status AuditsMetrics::OpenCasesChanged(Tx& tx, const std::string& tenant, int64_t delta) {
  return Figures::Add(tx, tenant, kRegisterOpen, {}, delta);
}

}  // namespace assure::audits
