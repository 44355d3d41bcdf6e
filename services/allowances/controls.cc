#include "services/allowances/controls.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/allowances/allowance_life.h"
#include "services/allowances/allowance_settings.h"
#include "services/allowances/annual_checks.h"
#include "services/allowances/end_points.h"
#include "services/allowances/gate.h"
#include "services/allowances/money.h"
#include "services/common/dates.h"
#include "services/common/resource_ids.h"

namespace assure::allowances {
namespace {

constexpr int kMaxListed = 100;

bool IsInstalmentOrPayment(const v1::LedgerEntry& e) {
  return e.kind() == v1::LEDGER_ENTRY_KIND_SCHEDULED || e.kind() == v1::LEDGER_ENTRY_KIND_PAID;
}

class Control {
 public:
  Control(v1::AllowanceControls& report, const char* name, const char* description)
      : result_(report.add_controls()) {
    result_->set_control(name);
    result_->set_description(description);
  }
  void Add(const std::string& resource) {
    result_->set_count(result_->count() + 1);
    if (result_->resources_size() < kMaxListed) result_->add_resources(resource);
  }

 private:
  v1::ControlResult* result_;
};

// Paid or scheduled for a day support had ended by: an end point, or after its cessation.
bool AfterEnd(const v1::LedgerEntry& e, const v1::Allowance& a, const v1::SupportedChild* child) {
  const auto due = DayOf(e.due_date());
  if (!due) return false;
  const auto ended = DayOf(a.cessation().end_date());
  if (a.state() == v1::ALLOWANCE_STATE_CEASED && ended && *due > *ended) return true;
  return child != nullptr && !EndPointsOn(*child, a, *due).empty();
}

void CheckLedgers(const ControlRecords& r, v1::AllowanceControls& out) {
  Control ungated(out, kControls[0],
                  "allowances with instalments scheduled that fail the payment gate today "
                  "(agreement, forms, assessment, approvals, ledger code)");
  Control after_end(out, kControls[1],
                    "instalments scheduled for days after support ended, with no overpayment "
                    "recorded for them");
  Control miscoded(out, kControls[2],
                   "instalments or payments booked to a code other than the type's");
  Control differs(out, kControls[3],
                  "payments that differ from their instruction in amount or cost code");
  for (const auto& a : r.allowances) {
    const auto ledger = r.ledgers.find(a.name());
    if (ledger == r.ledgers.end()) continue;
    const auto child = r.children.find(a.child());
    const v1::SupportedChild* c = child == r.children.end() ? nullptr : &child->second;
    const auto code = LedgerCodeFor(r.settings, a.type());
    bool scheduled = false;
    const bool overpayment_recorded = std::any_of(
        ledger->second.begin(), ledger->second.end(),
        [](const v1::LedgerEntry& e) { return e.kind() == v1::LEDGER_ENTRY_KIND_OVERPAYMENT; });
    for (const auto& e : ledger->second) {
      if (!IsInstalmentOrPayment(e)) continue;
      const bool instalment = e.kind() == v1::LEDGER_ENTRY_KIND_SCHEDULED;
      scheduled |= instalment;
      if (instalment && !overpayment_recorded && AfterEnd(e, a, c)) after_end.Add(e.name());
      if (!code || e.ledger_code() != *code) miscoded.Add(e.name());
      if (e.differs()) differs.Add(e.name());
    }
    if (scheduled && IsPaying(a) && !PaymentGate(a, r.settings).empty()) ungated.Add(a.name());
  }
}

void CountDeclarations(const ControlRecords& r, v1::AllowanceControls& out) {
  absl::flat_hash_set<std::string> declared;
  for (const auto& d : r.declarations) {
    declared.insert(std::string(d.name().substr(0, d.name().find("/declarations/"))));
    switch (d.state()) {
      case v1::DECLARATION_STATE_ISSUED:
        out.set_declarations_issued(out.declarations_issued() + 1);
        break;
      case v1::DECLARATION_STATE_REMINDED:
        out.set_declarations_reminded(out.declarations_reminded() + 1);
        break;
      case v1::DECLARATION_STATE_RETURNED:
        out.set_declarations_returned(out.declarations_returned() + 1);
        break;
      case v1::DECLARATION_STATE_LAPSED:
        out.set_declarations_lapsed(out.declarations_lapsed() + 1);
        break;
      default:
        break;
    }
  }
  for (const auto& a : r.allowances) {
    if (IsPaying(a) && !declared.contains(a.name())) out.add_declarations_not_issued(a.name());
  }
}

void ListChildren(const ControlRecords& r, v1::AllowanceControls& out) {
  absl::flat_hash_set<std::string> paid_for;
  for (const auto& a : r.allowances) {
    if (IsPaying(a)) paid_for.insert(a.child());
  }
  for (const auto& [name, child] : r.children) {
    if (TurnsEighteenIn(child, r.year)) out.add_turning_eighteen(name);
    if (paid_for.contains(name) &&
        MissingEducationEvidence(child, r.today, r.settings.education_evidence_days())) {
      out.add_without_education_evidence(name);
    }
    if (paid_for.contains(name) && NeedsBenefitDecision(child)) {
      out.add_universal_credit_to_decide(name);
    }
  }
}

void ListReviewsAndDecisions(const ControlRecords& r, v1::AllowanceControls& out) {
  for (const auto& a : r.allowances) {
    if (ReviewOverdue(a, r.today, r.settings.enhancement_review_months())) {
      out.add_reviews_overdue(a.name());
    }
  }
  for (const auto& d : r.decisions) {
    const auto due = DayOf(d.representations_due_date());
    if (d.state() == v1::DECISION_STATE_PROPOSED && due && r.today > *due) {
      out.add_representations_awaiting_decision(d.name());
    }
  }
}

// What an active allowance still pays to 31 March at today's rate, pro rata by day.
int64_t Forecast(const v1::Allowance& a, const v1::SupportedChild* child, absl::CivilDay today,
                 int year) {
  absl::CivilDay last(year + 1, 3, 31);
  if (const auto end = DayOf(a.end_date())) last = std::min(last, *end);
  if (child != nullptr) {
    if (const auto dated = DatedEndBy(*child, a, last + 1)) last = std::min(last, dated->last_day);
  }
  if (a.frequency() == v1::FREQUENCY_ONCE || last < today) return 0;
  return AnnualCostPence(a.amount_pence(), a.frequency()) * ((last - today) + 1) / 365;
}

void CountMoney(const ControlRecords& r, v1::AllowanceControls& out) {
  std::map<int, v1::TypeCost> by_type;
  std::map<int, int> ceased;
  for (const auto& a : r.allowances) {
    out.set_overpayment_outstanding_pence(out.overpayment_outstanding_pence() +
                                          a.overpayment_outstanding_pence());
    if (a.state() == v1::ALLOWANCE_STATE_CEASED) ++ceased[a.cessation().end_point()];
    if (a.state() != v1::ALLOWANCE_STATE_ACTIVE) continue;
    auto& t = by_type[a.type()];
    t.set_type(a.type());
    t.set_count(t.count() + 1);
    t.set_annual_cost_pence(t.annual_cost_pence() +
                            AnnualCostPence(a.amount_pence(), a.frequency()));
    const auto child = r.children.find(a.child());
    t.set_forecast_pence(
        t.forecast_pence() +
        Forecast(a, child == r.children.end() ? nullptr : &child->second, r.today, r.year));
  }
  for (const auto& [type, cost] : by_type) *out.add_active() = cost;
  for (const auto& [end_point, n] : ceased) {
    auto* c = out.add_ceased();
    c->set_end_point(static_cast<v1::EndPoint>(end_point));
    c->set_count(n);
  }
  for (const auto& [name, ledger] : r.ledgers) {
    for (const auto& e : ledger) {
      if (e.kind() == v1::LEDGER_ENTRY_KIND_RECOUPED) {
        out.set_overpayment_recouped_pence(out.overpayment_recouped_pence() + e.amount_pence());
      } else if (e.kind() == v1::LEDGER_ENTRY_KIND_WRITTEN_OFF) {
        out.set_overpayment_written_off_pence(out.overpayment_written_off_pence() +
                                              e.amount_pence());
      }
    }
  }
}

}  // namespace

::assure::actionplans::v1::CreateFindingRequest ControlFinding(const v1::ControlResult& control,
                                                               absl::CivilDay since,
                                                               absl::Time now) {
  namespace plans = ::assure::actionplans::v1;
  plans::CreateFindingRequest req;
  req.set_finding_id(NewResourceId("f-"));
  plans::Finding* f = req.mutable_finding();
  f->set_source(plans::FINDING_SOURCE_ALLOWANCE_CONTROL);
  f->set_source_record(absl::StrCat("allowanceControls/", control.control()));
  f->set_title(absl::StrCat("Allowance payment control failing: ", control.control()));
  f->set_text(absl::StrCat(control.description(), ": ", control.count(), " since ",
                           FormatDay(since), ", e.g. ", absl::StrJoin(control.resources(), ", "),
                           "."));
  f->set_priority(plans::FINDING_PRIORITY_HIGH);
  f->set_raised_by("system:drift-check");
  *f->mutable_raise_time() = ToProto(now);
  return req;
}

v1::AllowanceControls Controls(const ControlRecords& records) {
  v1::AllowanceControls out;
  out.set_year(records.year);
  *out.mutable_as_of_date() = ToProto(records.today);
  CheckLedgers(records, out);
  CountDeclarations(records, out);
  ListChildren(records, out);
  ListReviewsAndDecisions(records, out);
  CountMoney(records, out);
  return out;
}

}  // namespace assure::allowances
