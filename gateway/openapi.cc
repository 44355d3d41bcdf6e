#include "gateway/openapi.h"

#include "absl/strings/str_cat.h"
#include "google/api/field_behavior.pb.h"
#include "google/protobuf/descriptor.h"
#include "nlohmann/json.hpp"

namespace assure::gateway {
namespace {

using nlohmann::json;

constexpr char kDefinitions[] = "#/definitions/";

// "reviews_service.swagger.json" -> "reviews".
std::string PrefixOf(const std::string& file) { return file.substr(0, file.find("_service")); }

// Every "$ref" under `node` to a definition, renamed under `prefix`.
void Rename(json& node, const std::string& prefix) {
  if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) {
        const std::string ref = value.get<std::string>();
        if (ref.rfind(kDefinitions, 0) == 0) {
          value = absl::StrCat(kDefinitions, prefix, ".", ref.substr(sizeof(kDefinitions) - 1));
        }
      } else {
        Rename(value, prefix);
      }
    }
  } else if (node.is_array()) {
    for (auto& item : node) Rename(item, prefix);
  }
}

bool Has(const google::protobuf::FieldDescriptor& f, google::api::FieldBehavior b) {
  for (int v : f.options().GetRepeatedExtension(google::api::field_behavior)) {
    if (v == b) return true;
  }
  return false;
}

// protoc-gen-swagger (Debian's 1.6) does not read google.api.field_behavior, so the schema of
// each message ("v1Referral": assure.reviews.v1.Referral) takes it from the compiled protos:
// REQUIRED fields listed in "required", OUTPUT_ONLY ones marked "readOnly".
void AddFieldBehavior(const std::string& prefix, const std::string& definition, json& schema) {
  if (definition.rfind("v1", 0) != 0 || !schema.contains("properties")) return;
  const auto* message = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
      absl::StrCat("assure.", prefix, ".v1.", definition.substr(2)));
  if (message == nullptr) return;  // a nested message, named by its parents: left as it is
  json required = json::array();
  for (int i = 0; i < message->field_count(); ++i) {
    const auto& field = *message->field(i);
    if (!schema["properties"].contains(field.json_name())) continue;
    if (Has(field, google::api::REQUIRED)) required.push_back(field.json_name());
    if (Has(field, google::api::OUTPUT_ONLY)) {
      schema["properties"][field.json_name()]["readOnly"] = true;
    }
  }
  if (!required.empty()) schema["required"] = std::move(required);
}

json Skeleton() {
  return {{"swagger", "2.0"},
          {"info",
           {{"title", "Assure"},
            {"description",
             "Independent Reviewing Officer reviews, disputes, case-file audits, allowances and "
             "improvement action plans for a local authority's children's services. Every call "
             "takes a bearer token; see docs/partner-guide.md."},
            {"version", "v1"}}},
          {"consumes", {"application/json"}},
          {"produces", {"application/json"}},
          {"securityDefinitions",
           {{"bearer", {{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"}}}}},
          {"security", {{{"bearer", json::array()}}}},
          {"paths", json::object()},
          {"definitions", json::object()}};
}

}  // namespace

absl::StatusOr<std::string> MergeOpenApi(const std::vector<EmbeddedFile>& documents) {
  json merged = Skeleton();
  for (const auto& file : documents) {
    json doc = json::parse(file.content, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
      return absl::InternalError(absl::StrCat(file.name, " is not a JSON document"));
    }
    const std::string prefix = PrefixOf(file.name);
    Rename(doc, prefix);
    for (auto& [name, schema] : doc["definitions"].items()) {
      AddFieldBehavior(prefix, name, schema);
      merged["definitions"][absl::StrCat(prefix, ".", name)] = std::move(schema);
    }
    for (auto& [path, operations] : doc["paths"].items()) {
      for (auto& [verb, operation] : operations.items()) {
        if (merged["paths"][path].contains(verb)) {
          return absl::InternalError(
              absl::StrCat(file.name, ": ", verb, " ", path, " is another service's already"));
        }
        merged["paths"][path][verb] = std::move(operation);
      }
    }
  }
  return merged.dump(1);
}

}  // namespace assure::gateway
