#include "services/audits/selection.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace assure::audits {
namespace {

// SplitMix64's finaliser: every bit of the input moves every bit of the output.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a: a stable hash of the reference, the same on every platform and run.
uint64_t Fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// The chosen cases interleaved across strata (each stratum's first, then each one's second,
// ...), so that each auditor's turns spread over the teams; and every other case in rank
// order, to stand in when an auditor works on a chosen case.
struct Pool {
  std::vector<const Candidate*> chosen;
  std::vector<const Candidate*> reserve;
};

Pool Stratify(const std::vector<Candidate>& cases, int total, uint64_t seed) {
  std::map<std::pair<std::string, std::string>, std::vector<Ranked>> strata;
  for (const auto& c : cases) strata[{c.service, c.team}].push_back({&c, DrawKey(seed, c.id)});
  std::vector<int> sizes;
  for (auto& [key, ranked] : strata) {
    std::sort(ranked.begin(), ranked.end());
    sizes.push_back(static_cast<int>(ranked.size()));
  }
  const std::vector<int> shares = Apportion(sizes, total);
  Pool pool;
  std::vector<Ranked> rest;
  size_t s = 0;
  int longest = 0;
  for (auto& [key, ranked] : strata) {
    rest.insert(rest.end(), ranked.begin() + shares[s], ranked.end());
    longest = std::max(longest, shares[s++]);
  }
  for (int round = 0; round < longest; ++round) {
    s = 0;
    for (auto& [key, ranked] : strata) {
      if (round < shares[s++]) pool.chosen.push_back(ranked[round].c);
    }
  }
  std::sort(rest.begin(), rest.end());
  for (const auto& r : rest) pool.reserve.push_back(r.c);
  return pool;
}

// The first case of `from` still free and not the auditor's own.
const Candidate* Take(std::vector<const Candidate*>& from, const std::string& auditor) {
  for (auto it = from.begin(); it != from.end(); ++it) {
    if ((*it)->worker == auditor) continue;
    const Candidate* c = *it;
    from.erase(it);
    return c;
  }
  return nullptr;
}

}  // namespace

bool Ranked::operator<(const Ranked& o) const {
  const bool never = !c->last_selected, other_never = !o.c->last_selected;
  if (never != other_never) return never;
  if (!never && *c->last_selected != *o.c->last_selected) {
    return *c->last_selected < *o.c->last_selected;
  }
  return std::tie(key, c->id) < std::tie(o.key, o.c->id);
}

uint64_t DrawKey(uint64_t seed, const std::string& case_id) {
  return Mix(seed ^ Mix(Fnv1a(case_id)));
}

std::vector<int> Apportion(const std::vector<int>& sizes, int total) {
  const int64_t all = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
  std::vector<int> shares(sizes.size(), 0);
  if (all == 0) return shares;
  total = static_cast<int>(std::min<int64_t>(total, all));
  std::vector<std::pair<int64_t, size_t>> remainders;  // (remainder, stratum)
  int given = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    const int64_t exact = int64_t{total} * sizes[i];
    shares[i] = static_cast<int>(exact / all);
    given += shares[i];
    remainders.push_back({exact % all, i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total; k = (k + 1) % remainders.size()) {
    const size_t i = remainders[k].second;
    if (shares[i] < sizes[i]) {
      ++shares[i];
      ++given;
    }
  }
  return shares;
}

std::vector<Draw> Deal(std::vector<const Candidate*> first, std::vector<const Candidate*> then,
                       const std::vector<Quota>& quotas) {
  std::vector<int> left;
  for (const auto& q : quotas) left.push_back(std::max(q.count, 0));
  std::vector<Draw> draws;
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t a = 0; a < quotas.size(); ++a) {
      if (left[a] == 0) continue;
      const Candidate* c = Take(first, quotas[a].auditor);
      if (c == nullptr) c = Take(then, quotas[a].auditor);
      if (c == nullptr) continue;
      draws.push_back({quotas[a].auditor, c->id});
      --left[a];
      progress = true;
    }
  }
  return draws;
}

std::vector<Draw> DrawSample(const std::vector<Candidate>& cases, const std::vector<Quota>& quotas,
                             uint64_t seed) {
  int wanted = 0;
  for (const auto& q : quotas) wanted += std::max(q.count, 0);
  Pool pool = Stratify(cases, wanted, seed);
  return Deal(std::move(pool.chosen), std::move(pool.reserve), quotas);
}

}  // namespace assure::audits
