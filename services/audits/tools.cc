#include "services/audits/tools.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/resource_ids.h"

namespace assure::audits {

std::vector<std::string> DefaultGrades() {
  return {"Outstanding", "Good", "Requires improvement to be good", "Inadequate"};
}

absl::Status CheckToolVersion(const v1::AuditToolVersion& t) {
  FieldViolations v;
  if (t.title().empty()) v.Add("version.title", "is required");
  if (t.sections_size() == 0) v.Add("version.sections", "is required: at least one section");
  absl::flat_hash_set<std::string> ids;
  for (int s = 0; s < t.sections_size(); ++s) {
    const auto& section = t.sections(s);
    const std::string at = absl::StrCat("version.sections[", s, "]");
    if (section.title().empty()) v.Add(at + ".title", "is required");
    if (section.questions_size() == 0) v.Add(at + ".questions", "is required: at least one");
    for (int q = 0; q < section.questions_size(); ++q) {
      const auto& question = section.questions(q);
      const std::string qat = absl::StrCat(at, ".questions[", q, "]");
      if (!IsValidId(question.id())) v.Add(qat + ".id", "is required: 1-64 of A-Z a-z 0-9 . _ -");
      if (!ids.insert(question.id()).second) v.Add(qat + ".id", "is used twice in the tool");
      if (question.text().empty()) v.Add(qat + ".text", "is required");
    }
  }
  absl::flat_hash_set<std::string> grades;
  for (int g = 0; g < t.grades_size(); ++g) {
    if (t.grades(g).empty() || !grades.insert(t.grades(g)).second) {
      v.Add(absl::StrCat("version.grades[", g, "]"), "must be named and unique");
    }
  }
  if (t.grades_size() == 1) v.Add("version.grades", "needs at least two grades, or none");
  return v.ToStatus();
}

const v1::Question* FindQuestion(const v1::AuditToolVersion& t, const std::string& id) {
  for (const auto& section : t.sections()) {
    for (const auto& q : section.questions()) {
      if (q.id() == id) return &q;
    }
  }
  return nullptr;
}

bool HasGrade(const v1::AuditToolVersion& t, const std::string& grade) {
  for (const auto& g : t.grades()) {
    if (g == grade) return true;
  }
  return false;
}

}  // namespace assure::audits
