#include "gateway/http/transcoder.h"

#include <memory>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"
#include "services/common/errors.h"
#include "services/common/text.h"

namespace assure::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::unique_ptr<Message> NewMessage(const Descriptor* d) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
}

const FieldDescriptor* FindField(const Descriptor* d, absl::string_view name) {
  const std::string n(name);
  const FieldDescriptor* f = d->FindFieldByName(n);
  return f ? f : d->FindFieldByCamelcaseName(n);
}

std::string UrlDecode(absl::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out.push_back(' ');
    } else if (int v = 0; in[i] == '%' && i + 2 < in.size() && absl::ascii_isxdigit(in[i + 1]) &&
                          absl::ascii_isxdigit(in[i + 2]) &&
                          absl::SimpleHexAtoi(in.substr(i + 1, 2), &v)) {
      out.push_back(static_cast<char>(v));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

absl::Status Bad(absl::string_view param, absl::string_view why) {
  return InvalidField(param, why);
}

// Sets the scalar (or appends to the repeated scalar) at `path` from text.
absl::Status SetByPath(Message* msg, absl::string_view path, const std::string& value,
                       absl::string_view param) {
  std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    const FieldDescriptor* f = FindField(msg->GetDescriptor(), parts[i]);
    if (!f || f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated()) {
      return Bad(param, absl::StrCat("'", parts[i], "' is not a field that can be set here"));
    }
    msg = msg->GetReflection()->MutableMessage(msg, f);
  }
  const FieldDescriptor* f = FindField(msg->GetDescriptor(), parts.back());
  if (!f) return Bad(param, absl::StrCat("'", parts.back(), "' is not a field"));
  const Reflection* r = msg->GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(msg, f, value) : r->SetString(msg, f, value);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(value, &v)) return Bad(param, "must be a whole number");
      rep ? r->AddInt32(msg, f, v) : r->SetInt32(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(value, &v)) return Bad(param, "must be a whole number");
      rep ? r->AddInt64(msg, f, v) : r->SetInt64(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(value, &v)) return Bad(param, "must be a whole number");
      rep ? r->AddUInt32(msg, f, v) : r->SetUInt32(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(value, &v)) return Bad(param, "must be a whole number");
      rep ? r->AddUInt64(msg, f, v) : r->SetUInt64(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      if (value != "true" && value != "false") return Bad(param, "must be true or false");
      rep ? r->AddBool(msg, f, value == "true") : r->SetBool(msg, f, value == "true");
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(value, &v)) return Bad(param, "must be a number");
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
        rep ? r->AddDouble(msg, f, v) : r->SetDouble(msg, f, v);
      } else {
        rep ? r->AddFloat(msg, f, static_cast<float>(v)) : r->SetFloat(msg, f, static_cast<float>(v));
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* e = f->enum_type()->FindValueByName(value);
      if (!e) return Bad(param, absl::StrCat("'", value, "' is not a value of ", f->enum_type()->name()));
      rep ? r->AddEnumValue(msg, f, e->number()) : r->SetEnumValue(msg, f, e->number());
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (f->message_type()->full_name() == "google.protobuf.FieldMask" && !rep) {
        auto* mask = static_cast<google::protobuf::FieldMask*>(r->MutableMessage(msg, f));
        for (absl::string_view p : absl::StrSplit(value, ',', absl::SkipEmpty())) {
          mask->add_paths(std::string(p));
        }
        return absl::OkStatus();
      }
      return Bad(param, "a message is set field by field, e.g. start_date.year=2026");
  }
  return Bad(param, "cannot be set from the query string");
}

}  // namespace

absl::StatusOr<Transcoder> Transcoder::ForServices(const std::vector<std::string>& services) {
  Transcoder t;
  for (const std::string& name : services) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (!service) return absl::NotFoundError(absl::StrCat("service ", name, " is not linked"));
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      if (!m->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& top = m->options().GetExtension(google::api::http);
      std::vector<const google::api::HttpRule*> rules = {&top};
      for (const auto& extra : top.additional_bindings()) rules.push_back(&extra);
      for (const auto* rule : rules) {
        std::string verb, path;
        switch (rule->pattern_case()) {
          case google::api::HttpRule::kGet: verb = "GET"; path = rule->get(); break;
          case google::api::HttpRule::kPost: verb = "POST"; path = rule->post(); break;
          case google::api::HttpRule::kPatch: verb = "PATCH"; path = rule->patch(); break;
          case google::api::HttpRule::kPut: verb = "PUT"; path = rule->put(); break;
          case google::api::HttpRule::kDelete: verb = "DELETE"; path = rule->delete_(); break;
          case google::api::HttpRule::kCustom:
            verb = rule->custom().kind();
            path = rule->custom().path();
            break;
          default: continue;
        }
        auto tmpl = PathTemplate::Parse(path);
        if (!tmpl.ok()) return tmpl.status();
        t.routes_.push_back({verb, *std::move(tmpl), rule->body(), m,
                             absl::StrCat("/", service->full_name(), "/", m->name())});
      }
    }
  }
  return t;
}

std::optional<MatchedRoute> Transcoder::Match(absl::string_view verb,
                                              absl::string_view path) const {
  for (const HttpRoute& r : routes_) {
    if (r.verb != verb) continue;
    if (auto b = r.path.Match(path)) return MatchedRoute{&r, *std::move(b)};
  }
  return std::nullopt;
}

std::vector<std::string> Transcoder::VerbsAt(absl::string_view path) const {
  std::vector<std::string> verbs;
  for (const HttpRoute& r : routes_) {
    if (absl::c_linear_search(verbs, r.verb) || !r.path.Match(path)) continue;
    verbs.push_back(r.verb);
  }
  return verbs;
}

absl::StatusOr<std::string> Transcoder::BuildRequest(const MatchedRoute& match,
                                                     absl::string_view query,
                                                     absl::string_view body) const {
  const HttpRoute& route = *match.route;
  auto msg = NewMessage(route.method->input_type());
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (!route.body.empty() && !body.empty()) {
    Message* target = msg.get();
    if (route.body != "*") {
      const FieldDescriptor* f = FindField(msg->GetDescriptor(), route.body);
      if (!f) return absl::InternalError("annotation names a missing body field");
      target = msg->GetReflection()->MutableMessage(msg.get(), f);
    }
    auto st = google::protobuf::util::JsonStringToMessage(std::string(body), target, options);
    if (!st.ok()) return Bad("body", absl::StrCat("is not valid JSON for this request: ",
                                                  st.ToString()));
  }
  // A path variable names the resource the caller was authorised against: a query
  // parameter may not say otherwise, and the path is applied last.
  for (absl::string_view pair : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::vector<absl::string_view> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    const std::string key = UrlDecode(kv[0]);
    const std::string value = kv.size() > 1 ? UrlDecode(kv[1]) : "";
    if (!IsValidUtf8(key)) return Bad("query", "a parameter name is not valid UTF-8");
    if (route.body == "*") return Bad(key, "this method takes its fields in the body");
    for (const auto& [field, unused] : match.bindings) {
      if (key == field) return Bad(key, "is given by the path and cannot be set in the query");
    }
    if (!IsValidUtf8(value)) return Bad(key, "is not valid UTF-8 once percent-decoded");
    if (auto st = SetByPath(msg.get(), key, value, key); !st.ok()) return st;
  }
  for (const auto& [field, value] : match.bindings) {
    const std::string decoded = UrlDecode(value);
    if (!IsValidUtf8(decoded)) return Bad(field, "is not valid UTF-8 once percent-decoded");
    if (auto st = SetByPath(msg.get(), field, decoded, field); !st.ok()) return st;
  }
  return msg->SerializeAsString();
}

absl::StatusOr<std::string> Transcoder::ResponseJson(const HttpRoute& route,
                                                     const std::string& bytes) const {
  auto msg = NewMessage(route.method->output_type());
  if (!msg->ParseFromString(bytes)) return absl::InternalError("backend response unreadable");
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(*msg, &json).ok()) {
    return absl::InternalError("response cannot be written as JSON");
  }
  return json;
}

std::string StatusJson(const grpc::Status& status) {
  google::rpc::Status rpc;
  if (status.error_details().empty() || !rpc.ParseFromString(status.error_details())) {
    rpc.set_code(static_cast<int>(status.error_code()));
    rpc.set_message(status.error_message());
  }
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(rpc, &json).ok()) {
    json = absl::StrCat(R"({"code":)", static_cast<int>(status.error_code()), "}");
  }
  return json;
}

}  // namespace assure::gateway
