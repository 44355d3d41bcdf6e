// ReviewsService: who read or wrote a child's data, for subject access requests and audit.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"

namespace assure::reviews {

ReviewsService::Reactor* ReviewsService::ListAccessRecords(
    Ctx* ctx, const v1::ListAccessRecordsRequest* req, v1::ListAccessRecordsResponse* out) {
  auto who = Caller(ctx, *req, roles::kAccessRecordReaders, "ListAccessRecords");
  if (!who.ok()) return Reply(ctx, who.status());
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(std::string child, ParseChildName(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), req->parent()));
    int64_t after_id = 0;
    if (!after.empty() && !absl::SimpleAtoi(after, &after_id)) {
      return InvalidField("page_token", "is not one this method issued");
    }
    std::vector<store::StoredAccess> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_RETURN_IF_ERROR(MustLoadChild(db, who->tenant, child).status());
      ASSURE_ASSIGN_OR_RETURN(rows, store::AccessRecordsUnder(db, who->tenant, req->parent(),
                                                              after_id, size + 1));
      return absl::OkStatus();
    }));
    if (static_cast<int>(rows.size()) > size) {
      rows.resize(size);
      out->set_next_page_token(EncodePageToken(absl::StrCat(rows.back().id), req->parent()));
    }
    for (const auto& row : rows) {
      auto* record = out->add_access_records();
      record->set_subject(row.subject);
      record->set_method(row.method);
      record->set_resource(row.resource);
      record->set_purpose(row.purpose);
      *record->mutable_access_time() = ToProto(row.at);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();
  // Reading who read a child's data is itself a read of it, and recorded once per listing
  // (its first page), so that paging on does not chase its own records.
  std::vector<std::string> read;
  if (st.ok() && req->page_token().empty()) read.push_back(req->parent());
  return ReplyRead(ctx, *who, "ListAccessRecords", std::move(read), st);
}

}  // namespace assure::reviews
