// ASSURE_RETURN_IF_ERROR and ASSURE_ASSIGN_OR_RETURN: Abseil 20220623 ships neither, so the
// suite has this one pair, used everywhere below the handlers.
#ifndef ASSURE_SERVICES_COMMON_STATUS_MACROS_H_
#define ASSURE_SERVICES_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ASSURE_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    if (::absl::Status _st = (expr); !_st.ok()) {     \
      return _st;                                     \
    }                                                 \
  } while (0)

#define ASSURE_CONCAT_INNER_(a, b) a##b
#define ASSURE_CONCAT_(a, b) ASSURE_CONCAT_INNER_(a, b)

// ASSURE_ASSIGN_OR_RETURN(auto x, MakeX()); declares x or returns MakeX()'s error.
#define ASSURE_ASSIGN_OR_RETURN(lhs, expr) \
  ASSURE_ASSIGN_OR_RETURN_IMPL_(ASSURE_CONCAT_(_statusor_, __LINE__), lhs, expr)
#define ASSURE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).status();      \
  lhs = std::move(tmp).value()

#endif  // ASSURE_SERVICES_COMMON_STATUS_MACROS_H_
