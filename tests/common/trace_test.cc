// W3C traceparent, as the gateway and every service read it: a well-formed one continued,
// anything else (which a caller could use to put text in a log line) refused for a new trace.
#include "services/common/trace.h"

#include "gtest/gtest.h"

namespace assure {
namespace {

constexpr char kExample[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(Traceparent, TheSpecificationsExampleIsRead) {
  auto t = TraceContext::Parse(kExample);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t->span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(t->sampled);
  EXPECT_EQ(t->ToHeader(), kExample);
}

TEST(Traceparent, MalformedOrForgedValuesAreRefused) {
  for (const char* bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",              // no flags
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",           // upper case
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",           // zero trace
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",           // zero parent
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",           // version ff
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",         // 00 with more
           "00-4bf92f3577b34da6a3ce929d0\",\"x\":\"e4736-00f067aa0ba902b7-01",  // a forged field
       }) {
    EXPECT_FALSE(TraceContext::Parse(bad).has_value()) << bad;
    EXPECT_EQ(TraceIdOf(bad), "") << bad;
  }
}

TEST(Traceparent, ALaterVersionIsReadAsVersion00) {
  auto t = TraceContext::Parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra");
  ASSERT_TRUE(t.has_value());
  EXPECT_FALSE(t->sampled);
}

TEST(Traceparent, AHopContinuesTheCallersTraceWithItsOwnSpan) {
  const TraceContext here = TraceContext::ContinueOrStart(kExample);
  EXPECT_EQ(here.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_NE(here.span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(TraceContext::Parse(here.ToHeader()).has_value());
}

TEST(Traceparent, WithoutAUsableHeaderANewTraceStarts) {
  const TraceContext a = TraceContext::ContinueOrStart("garbage");
  const TraceContext b = TraceContext::ContinueOrStart("");
  EXPECT_NE(a.trace_id, b.trace_id);
  EXPECT_TRUE(a.sampled);
  EXPECT_EQ(TraceIdOf(a.ToHeader()), a.trace_id);
}

}  // namespace
}  // namespace assure
