#include "services/common/field_limits.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "services/common/errors.h"

namespace assure {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void Check(const Message& m, const std::string& prefix, FieldViolations& v) {
  const auto* reflection = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string path = prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    const bool text = f->cpp_type() == FieldDescriptor::CPPTYPE_STRING;
    const bool message = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (f->is_repeated()) {
      const int n = reflection->FieldSize(m, f);
      if (n > kMaxRepeated) {
        v.Add(path, absl::StrCat("has ", n, " entries; at most ", kMaxRepeated));
        continue;
      }
      for (int i = 0; i < n; ++i) {
        const std::string item = absl::StrCat(path, "[", i, "]");
        if (text && reflection->GetRepeatedStringReference(m, f, i, nullptr).size() >
                        MaxBytesOf(f->name())) {
          v.Add(item, absl::StrCat("is longer than ", MaxBytesOf(f->name()), " bytes"));
        }
        if (message) Check(reflection->GetRepeatedMessage(m, f, i), item, v);
      }
      continue;
    }
    std::string scratch;
    if (text && reflection->GetStringReference(m, f, &scratch).size() > MaxBytesOf(f->name())) {
      v.Add(path, absl::StrCat("is longer than ", MaxBytesOf(f->name()), " bytes"));
    }
    if (message) Check(reflection->GetMessage(m, f), path, v);
  }
}

}  // namespace

size_t MaxBytesOf(absl::string_view field) {
  if (field == "filter") return kMaxFilterBytes;
  if (field == "page_token") return kMaxTextBytes;  // it carries the filter it continues
  if (field == "note" || field == "concern" || field == "text" || field == "explanation" ||
      field == "answer" ||
      field == "late_explanation" || field == "strengths" || field == "areas_for_development" ||
      field == "evidence" || field == "rationale" || field == "conditions" ||
      field == "changes" || field == "what" || field == "measure_of_success" ||
      field == "desired_outcome" || field == "desired_outcomes" ||
      field == "management_response" || field == "revised_response" ||
      field == "evidence_required" || field == "observations" || field == "sample_results" ||
      field == "further_action" || field == "dependencies" || field == "service_finding" || absl::EndsWith(field, "reason") || absl::EndsWith(field, "reasons")) {
    return kMaxTextBytes;
  }
  return kMaxShortStringBytes;
}

absl::Status CheckFieldLimits(const Message& request) {
  FieldViolations v;
  Check(request, "", v);
  return v.ToStatus();
}

}  // namespace assure
