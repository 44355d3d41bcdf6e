// The published contract's annotations (AIP-122, 123, 203) hold together: every resource a
// Get returns declares its type and pattern, the pattern is the one its HTTP path binds, and
// every name and parent a request takes is required and refers to a declared resource
// through that same path. A wrong annotation misleads every generated client, so it fails
// here rather than in a partner's build.
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "assure/actionplans/v1/actionplans_service.pb.h"
#include "assure/allowances/v1/allowances_service.pb.h"
#include "assure/audits/v1/audits_service.pb.h"
#include "assure/disputes/v1/disputes_service.pb.h"
#include "assure/events/v1/events_service.pb.h"
#include "assure/reviews/v1/reviews_service.pb.h"
#include "google/api/annotations.pb.h"
#include "google/api/field_behavior.pb.h"
#include "google/api/resource.pb.h"
#include "gtest/gtest.h"

namespace assure {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

std::vector<const ServiceDescriptor*> PublicServices() {
  return {
      reviews::v1::GetReviewRequest::descriptor()->file()->FindServiceByName("ReviewsService"),
      disputes::v1::GetDisputeRequest::descriptor()->file()->FindServiceByName("DisputesService"),
      audits::v1::GetAuditRequest::descriptor()->file()->FindServiceByName("AuditsService"),
      allowances::v1::GetAllowanceRequest::descriptor()->file()->FindServiceByName(
          "AllowancesService"),
      actionplans::v1::GetPlanRequest::descriptor()->file()->FindServiceByName(
          "ActionPlansService"),
      events::v1::GetSubscriptionRequest::descriptor()->file()->FindServiceByName("EventsService")};
}

// The service's file and the files of its package it imports (its resources).
std::vector<const google::protobuf::FileDescriptor*> PackageFiles(const ServiceDescriptor* s) {
  std::vector<const google::protobuf::FileDescriptor*> files = {s->file()};
  for (int i = 0; i < s->file()->dependency_count(); ++i) {
    const auto* d = s->file()->dependency(i);
    if (d->package() == s->file()->package()) files.push_back(d);
  }
  return files;
}

bool Has(const FieldDescriptor* f, google::api::FieldBehavior b) {
  const auto& all = f->options().GetRepeatedExtension(google::api::field_behavior);
  for (int v : all) {
    if (v == b) return true;
  }
  return false;
}

// "children/{child}/reviews/{review}" as an HTTP template binds it: "children/*/reviews/*".
std::string AsTemplate(const std::string& pattern) {
  std::vector<std::string> parts = absl::StrSplit(pattern, '/');
  for (auto& p : parts) {
    if (absl::StartsWith(p, "{")) p = "*";
  }
  return absl::StrJoin(parts, "/");
}

// The collection a child_type reference's parent is: the pattern less its last two segments.
std::string ParentTemplate(const std::string& pattern) {
  std::vector<std::string> parts = absl::StrSplit(AsTemplate(pattern), '/');
  parts.resize(parts.size() >= 2 ? parts.size() - 2 : 0);
  return absl::StrJoin(parts, "/");
}

std::string PathOf(const google::api::HttpRule& rule) {
  if (!rule.get().empty()) return rule.get();
  if (!rule.post().empty()) return rule.post();
  if (!rule.patch().empty()) return rule.patch();
  if (!rule.put().empty()) return rule.put();
  return rule.delete_();
}

// The template the path binds to `field`, e.g. "children/*" for "{parent=children/*}"; "" if
// the path does not bind it.
std::string Bound(const std::string& path, const std::string& field) {
  const std::string open = "{" + field + "=";
  const size_t at = path.find(open);
  if (at == std::string::npos) return "";
  const size_t from = at + open.size();
  return path.substr(from, path.find('}', from) - from);
}

class ApiAnnotations : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto* s : PublicServices()) {
      ASSERT_NE(s, nullptr);
      for (const auto* f : PackageFiles(s)) {
        for (int i = 0; i < f->message_type_count(); ++i) Collect(f->message_type(i));
      }
    }
  }
  void Collect(const Descriptor* m) {
    if (!m->options().HasExtension(google::api::resource)) return;
    const auto& r = m->options().GetExtension(google::api::resource);
    patterns_[r.type()] = r.pattern_size() > 0 ? r.pattern(0) : "";
    resources_.push_back(m);
  }

  absl::flat_hash_map<std::string, std::string> patterns_;  // type -> pattern
  std::vector<const Descriptor*> resources_;
};

TEST_F(ApiAnnotations, EveryResourceDeclaresOneTypeAndPatternAndItsTimesAreOutputOnly) {
  ASSERT_GE(resources_.size(), 40u);
  for (const auto* m : resources_) {
    const auto& r = m->options().GetExtension(google::api::resource);
    EXPECT_EQ(r.pattern_size(), 1) << m->full_name();
    EXPECT_TRUE(absl::StrContains(r.type(), ".assure.api/")) << m->full_name() << ": " << r.type();
    EXPECT_NE(m->FindFieldByName("name"), nullptr) << m->full_name();
    for (const char* server_set : {"create_time", "update_time"}) {
      const auto* f = m->FindFieldByName(server_set);
      if (f != nullptr) {
        EXPECT_TRUE(Has(f, google::api::OUTPUT_ONLY)) << f->full_name();
      }
    }
  }
}

TEST_F(ApiAnnotations, NoFieldIsBothRequiredAndOutputOnly) {
  for (const auto* s : PublicServices()) {
    for (const auto* f : PackageFiles(s)) {
      for (int i = 0; i < f->message_type_count(); ++i) {
        const auto* m = f->message_type(i);
        for (int j = 0; j < m->field_count(); ++j) {
          const auto* field = m->field(j);
          EXPECT_FALSE(Has(field, google::api::REQUIRED) && Has(field, google::api::OUTPUT_ONLY))
              << field->full_name();
        }
      }
    }
  }
}

TEST_F(ApiAnnotations, EachGetReturnsTheResourceItsPathNames) {
  int checked = 0;
  for (const auto* s : PublicServices()) {
    for (int i = 0; i < s->method_count(); ++i) {
      const MethodDescriptor* m = s->method(i);
      const std::string bound = Bound(PathOf(m->options().GetExtension(google::api::http)), "name");
      if (!absl::StartsWith(m->name(), "Get") || bound.empty()) continue;
      const Descriptor* out = m->output_type();
      if (!out->options().HasExtension(google::api::resource)) continue;  // a computed view
      const auto& r = out->options().GetExtension(google::api::resource);
      EXPECT_EQ(AsTemplate(r.pattern(0)), bound) << m->full_name();
      const auto* name = m->input_type()->FindFieldByName("name");
      ASSERT_NE(name, nullptr) << m->full_name();
      EXPECT_EQ(name->options().GetExtension(google::api::resource_reference).type(), r.type())
          << m->full_name();
      ++checked;
    }
  }
  EXPECT_GE(checked, 25);
}

TEST_F(ApiAnnotations, EveryNameAndParentIsRequiredAndRefersToTheResourceItsPathBinds) {
  int checked = 0;
  for (const auto* s : PublicServices()) {
    for (int i = 0; i < s->method_count(); ++i) {
      const MethodDescriptor* m = s->method(i);
      const std::string path = PathOf(m->options().GetExtension(google::api::http));
      for (const char* which : {"name", "parent"}) {
        const FieldDescriptor* f = m->input_type()->FindFieldByName(which);
        if (f == nullptr || f->type() != FieldDescriptor::TYPE_STRING) continue;
        SCOPED_TRACE(f->full_name());
        EXPECT_TRUE(Has(f, google::api::REQUIRED));
        const auto& ref = f->options().GetExtension(google::api::resource_reference);
        const bool by_child = !ref.child_type().empty();
        const std::string& type = by_child ? ref.child_type() : ref.type();
        ASSERT_TRUE(patterns_.contains(type)) << "refers to undeclared " << type;
        const std::string bound = Bound(path, which);
        if (bound.empty()) continue;  // e.g. a body field
        const std::string& pattern = patterns_[type];
        EXPECT_EQ(by_child ? ParentTemplate(pattern) : AsTemplate(pattern), bound) << m->name();
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 100);
}

TEST_F(ApiAnnotations, TheResourceACreateOrUpdateCarriesIsRequiredAndItsEtagMayBeSentBack) {
  for (const auto* s : PublicServices()) {
    for (int i = 0; i < s->method_count(); ++i) {
      const MethodDescriptor* m = s->method(i);
      if (!absl::StartsWith(m->name(), "Create") && !absl::StartsWith(m->name(), "Update")) {
        continue;
      }
      const std::string body = m->options().GetExtension(google::api::http).body();
      if (body.empty() || body == "*") continue;
      const FieldDescriptor* f = m->input_type()->FindFieldByName(body);
      ASSERT_NE(f, nullptr) << m->full_name();
      EXPECT_TRUE(Has(f, google::api::REQUIRED)) << f->full_name();
      // An update is made conditional by sending back the etag read: never output only.
      const FieldDescriptor* etag = f->message_type()->FindFieldByName("etag");
      if (absl::StartsWith(m->name(), "Update") && etag != nullptr) {
        EXPECT_TRUE(Has(etag, google::api::OPTIONAL)) << etag->full_name();
        EXPECT_FALSE(Has(etag, google::api::OUTPUT_ONLY)) << etag->full_name();
      }
    }
  }
}

}  // namespace
}  // namespace assure
