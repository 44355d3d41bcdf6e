#include "services/common/figures.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"

namespace assure {
namespace {

constexpr char kSeparator = '\x1f';  // between label pairs: no label value holds it

std::string Encode(const FigureLabels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out.push_back(kSeparator);
    absl::StrAppend(&out, k, "=", v);
  }
  return out;
}

std::vector<prometheus::ClientMetric::Label> Decode(const std::string& tenant,
                                                    const std::string& encoded) {
  FigureLabels labels = {{"tenant", tenant}};
  for (absl::string_view pair : absl::StrSplit(encoded, kSeparator, absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    labels[kv.first] = kv.second;
  }
  std::vector<prometheus::ClientMetric::Label> out;
  for (auto& [k, v] : labels) out.push_back({k, v});
  return out;
}

absl::Status Upsert(store::Tx& tx, const std::string& tenant, const std::string& name,
                    const FigureLabels& labels, const std::string& due, int64_t value,
                    bool add) {
  return tx.db().Exec(
      add ? "INSERT INTO figures (tenant, name, labels, due, value) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (tenant, name, labels, due) DO UPDATE SET value = figures.value + "
            "excluded.value"
          : "INSERT INTO figures (tenant, name, labels, due, value) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (tenant, name, labels, due) DO UPDATE SET value = excluded.value",
      {tenant, name, Encode(labels), due, value});
}

prometheus::MetricFamily Family(const std::string& name, const std::string& help) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = prometheus::MetricType::Gauge;
  return family;
}

}  // namespace

Figures::Figures(store::Store& store, const Clock& clock, std::vector<FigureSpec> specs)
    : store_(store), clock_(clock), specs_(std::move(specs)) {}

absl::Status Figures::Add(store::Tx& tx, const std::string& tenant, const std::string& name,
                          const FigureLabels& labels, int64_t delta) {
  return Upsert(tx, tenant, name, labels, "", delta, true);
}

absl::Status Figures::Set(store::Tx& tx, const std::string& tenant, const std::string& name,
                          const FigureLabels& labels, int64_t value) {
  return Upsert(tx, tenant, name, labels, "", value, false);
}

absl::Status Figures::AddDue(store::Tx& tx, const std::string& tenant, const std::string& name,
                             const FigureLabels& labels, absl::CivilDay due, int64_t delta) {
  const std::string day = FormatDay(due);
  // The undated row stays at 0, so the series exists (as 0) once nothing is due; written
  // once, not rewritten by every change.
  ASSURE_RETURN_IF_ERROR(tx.db().Exec(
      "INSERT INTO figures (tenant, name, labels, due, value) VALUES (?, ?, ?, '', 0) "
      "ON CONFLICT (tenant, name, labels, due) DO NOTHING",
      {tenant, name, Encode(labels)}));
  ASSURE_RETURN_IF_ERROR(Upsert(tx, tenant, name, labels, day, delta, true));
  // A day with nothing left due is forgotten, so the table holds only days still open.
  return tx.db().Exec(
      "DELETE FROM figures WHERE tenant = ? AND name = ? AND labels = ? AND due = ? AND "
      "value = 0",
      {tenant, name, Encode(labels), day});
}

absl::Status Figures::SeedOnce(store::Store& store, const std::string& component,
                               const std::function<absl::Status(store::Tx&)>& count) {
  return store.WriteAndWait(store::kAllTenants, [&](store::Tx& tx) -> absl::Status {
    bool seeded = false;
    ASSURE_RETURN_IF_ERROR(tx.db().Query("SELECT 1 FROM figures_seeded WHERE component = ?",
                                         {component},
                                         [&](const store::Row&) { seeded = true; }));
    if (seeded) return absl::OkStatus();
    ASSURE_RETURN_IF_ERROR(count(tx));
    return tx.db().Exec("INSERT INTO figures_seeded (component) VALUES (?)", {component});
  });
}

absl::StatusOr<std::vector<std::string>> Figures::Tenants(store::Store& store) {
  std::vector<std::string> tenants;
  ASSURE_RETURN_IF_ERROR(store.Read(store::kAllTenants, [&](store::Connection& db) {
    return db.Query("SELECT DISTINCT tenant FROM figures", {},
                    [&](const store::Row& r) { tenants.push_back(r.Text(0)); });
  }));
  return tenants;
}

std::vector<prometheus::MetricFamily> Figures::Collect() const {
  struct Stored {
    std::string tenant, name, labels, due;
    int64_t value;
  };
  std::vector<Stored> rows;
  auto st = store_.Read(store::kAllTenants, [&](store::Connection& db) {
    return db.Query("SELECT tenant, name, labels, due, value FROM figures "
                    "ORDER BY name, tenant, labels",
                    {}, [&](const store::Row& r) {
                      rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
                    });
  });
  if (!st.ok()) return {};
  const std::string today = FormatDay(LondonDay(clock_.Now()));
  std::vector<prometheus::MetricFamily> out;
  for (const FigureSpec& spec : specs_) {
    prometheus::MetricFamily family = Family(spec.name, spec.help);
    prometheus::MetricFamily overdue = Family(spec.overdue_name, spec.overdue_help);
    // One series per tenant and label set; days summed into it.
    absl::flat_hash_map<std::string, size_t> series;
    for (const Stored& row : rows) {
      if (row.name != spec.name) continue;
      const std::string key = absl::StrCat(row.tenant, "\n", row.labels);
      auto [it, fresh] = series.emplace(key, family.metric.size());
      if (fresh) {
        prometheus::ClientMetric m;
        m.label = Decode(row.tenant, row.labels);
        family.metric.push_back(m);
        overdue.metric.push_back(m);
      }
      family.metric[it->second].gauge.value += row.value / spec.scale;
      if (!row.due.empty() && row.due < today) {
        overdue.metric[it->second].gauge.value += row.value / spec.scale;
      }
    }
    out.push_back(std::move(family));
    if (!spec.overdue_name.empty()) out.push_back(std::move(overdue));
  }
  return out;
}

}  // namespace assure
