#include "services/audits/report.h"

#include <algorithm>
#include <map>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "services/audits/actions.h"
#include "services/audits/audit_life.h"
#include "services/audits/moderation.h"
#include "services/audits/programme.h"
#include "services/audits/scorecard.h"
#include "services/audits/themes.h"
#include "services/audits/tools.h"
#include "services/common/dates.h"

namespace assure::audits {
namespace {

int32_t Percent(int64_t part, int64_t whole) {
  return whole == 0 ? 0 : static_cast<int32_t>(part * 100 / whole);
}

// Grades counted for one key, written out in the order of Ofsted's scale, then any other
// grade by name.
class GradeTally {
 public:
  void Add(const std::string& grade) {
    if (grade.empty()) return;
    ++counts_[grade];
    ++count_;
  }
  v1::GradeBreakdown Done(const std::string& key) const {
    v1::GradeBreakdown out;
    out.set_key(key);
    out.set_count(count_);
    const std::vector<std::string> ofsted = DefaultGrades();
    int64_t good = 0;
    for (size_t i = 0; i < ofsted.size(); ++i) {
      auto it = counts_.find(ofsted[i]);
      if (it == counts_.end()) continue;
      Write(it->first, it->second, out);
      if (i < 2) good += it->second;  // Outstanding, Good
    }
    for (const auto& [grade, n] : counts_) {
      if (std::find(ofsted.begin(), ofsted.end(), grade) == ofsted.end()) Write(grade, n, out);
    }
    out.set_good_or_better_percent(Percent(good, count_));
    return out;
  }

 private:
  static void Write(const std::string& grade, int32_t n, v1::GradeBreakdown& out) {
    auto* g = out.add_grades();
    g->set_grade(grade);
    g->set_count(n);
  }
  std::map<std::string, int32_t> counts_;
  int32_t count_ = 0;
};

using Tallies = std::map<std::string, GradeTally>;

void WriteAll(const Tallies& tallies, google::protobuf::RepeatedPtrField<v1::GradeBreakdown>* out) {
  for (const auto& [key, tally] : tallies) *out->Add() = tally.Done(key);
}

// The grade each answer stands at: the moderator's where they disagreed with it.
std::string AnswerGrade(const v1::Audit& a, const v1::Answer& answer) {
  if (a.has_moderation()) {
    for (const auto& d : a.moderation().grades()) {
      if (d.question() == answer.question() && !d.agree()) return d.moderated_grade();
    }
  }
  return answer.grade();
}

void CountSections(const std::vector<v1::Audit>& done,
                   const std::vector<v1::AuditToolVersion>& tools, v1::AuditReport& out) {
  absl::flat_hash_map<std::string, const v1::AuditToolVersion*> by_name;
  for (const auto& t : tools) by_name[t.name()] = &t;
  Tallies sections;
  for (const auto& a : done) {
    auto tool = by_name.find(a.tool_version());
    if (tool == by_name.end()) continue;
    absl::flat_hash_map<std::string, std::string> section_of;
    for (const auto& s : tool->second->sections()) {
      for (const auto& q : s.questions()) section_of[q.id()] = s.title();
    }
    for (const auto& answer : a.answers()) {
      auto s = section_of.find(answer.question());
      if (s != section_of.end()) sections[s->second].Add(AnswerGrade(a, answer));
    }
  }
  WriteAll(sections, out.mutable_by_section());
}

void CountActions(const std::vector<v1::AuditAction>& actions, absl::CivilDay today,
                  v1::ActionSummary& out) {
  for (const auto& x : actions) {
    out.set_raised(out.raised() + 1);
    if (x.state() == v1::ACTION_STATE_OPEN) {
      out.set_open(out.open() + 1);
      if (IsOverdue(x, today)) out.set_overdue(out.overdue() + 1);
      continue;
    }
    out.set_signed_off(out.signed_off() + 1);
    const auto due = FromProto(x.due_date()).day;
    if (due && LondonDay(FromProto(x.sign_off_time())) <= *due) {
      out.set_signed_off_on_time(out.signed_off_on_time() + 1);
    }
  }
}

void CountModeration(const std::vector<v1::Audit>& done, v1::AuditReport& out) {
  v1::ModerationSummary& m = *out.mutable_moderation();
  for (const auto& a : done) {
    if (a.moderation_required()) m.set_required(m.required() + 1);
    if (a.has_escalation()) {
      out.set_escalations(out.escalations() + 1);
      if (a.escalation().responses_size() == 0) {
        out.set_escalations_unanswered(out.escalations_unanswered() + 1);
      }
    }
    if (!a.has_moderation()) continue;
    m.set_moderated(m.moderated() + 1);
    if (Disagreed(a.moderation())) {
      m.set_disagreed(m.disagreed() + 1);
    } else {
      m.set_agreed(m.agreed() + 1);
    }
  }
  m.set_agreement_percent(Percent(m.agreed(), m.moderated()));
}

void CountProgrammes(const ReportRecords& records, v1::AuditReport& out) {
  for (const auto& s : records.selections) {
    if (s.tiers_size() == 0) continue;
    std::vector<v1::Audit> own;
    for (const auto& a : records.audits) {
      if (a.selection() == s.name()) own.push_back(a);
    }
    v1::Selection counted = s;
    CountTierProgress(own, counted);
    auto* p = out.add_programmes();
    p->set_selection(s.name());
    *p->mutable_month() = s.month();
    *p->mutable_tiers() = counted.tiers();
    p->set_recommendations(s.recommendations_size());
  }
}

void CountMonths(const google::type::Date& first, const google::type::Date& last,
                 const ReportRecords& records, absl::CivilDay today, v1::AuditReport& out) {
  for (const auto& month : MonthsOf(first, last)) {
    const std::string key = MonthKey(month);
    std::vector<v1::Selection> selections;
    std::vector<v1::Audit> audits;
    GradeTally grades;
    for (const auto& s : records.selections) {
      if (MonthKey(s.month()) == key) selections.push_back(s);
    }
    for (const auto& a : records.audits) {
      if (MonthKey(a.month()) != key) continue;
      audits.push_back(a);
      if (CountsAsDone(a)) grades.Add(FinalGrade(a));
    }
    const v1::AuditScorecard card = Scorecard(month, selections, audits, today);
    auto* m = out.add_months();
    *m->mutable_month() = month;
    m->set_quota(card.quota());
    m->set_done(card.done());
    m->set_shortfall(card.shortfall());
    *m->mutable_grades() = grades.Done(key);
    out.set_quota(out.quota() + card.quota());
    out.set_done(out.done() + card.done());
    out.set_shortfall(out.shortfall() + card.shortfall());
  }
}

}  // namespace

std::vector<google::type::Date> MonthsOf(const google::type::Date& first,
                                         const google::type::Date& last) {
  std::vector<google::type::Date> out;
  const absl::CivilMonth end(last.year(), last.month());
  for (absl::CivilMonth m(first.year(), first.month()); m <= end; ++m) {
    google::type::Date d;
    d.set_year(static_cast<int32_t>(m.year()));
    d.set_month(m.month());
    out.push_back(d);
  }
  return out;
}

v1::AuditReport AuditReportOf(const google::type::Date& first, const google::type::Date& last,
                              const ReportRecords& records, absl::CivilDay today) {
  v1::AuditReport out;
  *out.mutable_first_month() = first;
  *out.mutable_last_month() = last;
  std::vector<v1::Audit> done;
  GradeTally overall;
  Tallies services, teams, types;
  for (const auto& a : records.audits) {
    if (!CountsAsDone(a)) continue;
    done.push_back(a);
    const std::string& grade = FinalGrade(a);
    overall.Add(grade);
    services[a.service()].Add(grade);
    teams[a.team()].Add(grade);
    types[v1::AuditType_Name(a.type())].Add(grade);
  }
  *out.mutable_overall() = overall.Done("all");
  WriteAll(services, out.mutable_by_service());
  WriteAll(teams, out.mutable_by_team());
  WriteAll(types, out.mutable_by_type());
  CountSections(done, records.tools, out);
  CountMonths(first, last, records, today, out);
  CountActions(records.actions, today, *out.mutable_actions());
  CountModeration(done, out);
  CountProgrammes(records, out);
  return out;
}

}  // namespace assure::audits
