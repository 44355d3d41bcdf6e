// The month's sample, drawn by the system (seed 002 case-file audit 4; DOMAIN: chosen at
// random, reproducibly, to avoid selection bias and to cover the caseload over time). Pure.
//
//   * Reproducible: each case's place in the draw comes from the seed and its own reference
//     alone, so the same seed and register give the same sample, whatever order the register
//     is read in, and a case added to the register does not reshuffle the others.
//   * Over time: cases never selected come first, then those selected longest ago.
//   * Stratified: the sample is shared among the teams and services in proportion to their
//     cases (largest remainder), so no team escapes audit by being small or large.
//   * Separation of duties: an auditor is never given a case they are allocated to; the next
//     case in the draw takes its place.
#ifndef ASSURE_SERVICES_AUDITS_SELECTION_H_
#define ASSURE_SERVICES_AUDITS_SELECTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace assure::audits {

struct Candidate {
  std::string id;  // the case reference
  std::string team;
  std::string service;
  std::string worker;
  std::optional<absl::CivilDay> last_selected;
};

struct Quota {
  std::string auditor;
  int count = 0;
};

struct Draw {
  std::string auditor;
  std::string case_id;
};

// The routine draw's order: cases never selected first, then those selected longest ago;
// then the seed's order (`key`, from DrawKey); the reference last, so that the order is total.
struct Ranked {
  const Candidate* c;
  uint64_t key;
  bool operator<(const Ranked& o) const;
};

// Deals cases to the auditors in turn (the order of `quotas`), one each per turn: each takes
// the first case of `first` still free and not their own, else the first such of `then`.
std::vector<Draw> Deal(std::vector<const Candidate*> first, std::vector<const Candidate*> then,
                       const std::vector<Quota>& quotas);

// The draws, auditor by auditor in turn (the order of `quotas`), one case each per turn. An
// auditor gets fewer than their quota only when the register runs out of cases they do not
// work on.
std::vector<Draw> DrawSample(const std::vector<Candidate>& cases, const std::vector<Quota>& quotas,
                             uint64_t seed);

// A case's place in the draw under `seed`: a 64-bit mix of the seed and the reference.
uint64_t DrawKey(uint64_t seed, const std::string& case_id);

// How many of `total` each stratum gets, in proportion to `sizes`, by largest remainder
// (ties to the earlier stratum); never more than a stratum holds.
std::vector<int> Apportion(const std::vector<int>& sizes, int total);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_SELECTION_H_
