// `nlic decode --salvage` on damaged files, and `nlic encode --verify`
// catching a broken encoder (simulated with NLIC_TEST_FLIP_ENCODED_BIT).
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "gtest/gtest.h"
#include "tests/cli_fixture.h"

namespace nlic {
namespace {

using namespace nlic::testing;

// A 3-stripe file: CliTest's 32x32 input encoded with 12-row stripes.
class CliSalvage : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    std::vector<uint8_t> png = ReadBytes(P("in.png"));
    ASSERT_TRUE(ReadPng(png.data(), png.size(), ReadLimits(), &image_).ok());
    EncodeOptions eo;
    eo.stripe_rows = 12;
    ASSERT_TRUE(Encode(image_, eo, &file_).ok());
    WriteText(P("good.nlic"), std::string(file_.begin(), file_.end()));
  }

  Image image_;
  std::vector<uint8_t> file_;
};

TEST_F(CliSalvage, IntactFileIsExitZero) {
  ASSERT_EQ(Run({"decode", "--salvage", P("good.nlic"), P("out.png")}), 0) << err_;
  ExpectSamePng(P("in.png"), P("out.png"));
}

TEST_F(CliSalvage, DamagedStripeIsZeroedNamedAndExitFive) {
  std::vector<uint8_t> bad = file_;
  ASSERT_GT(bad.size(), 100u);
  bad.at(bad.size() - 20) ^= 0x5A;  // inside the last stripe's payload
  WriteText(P("bad.nlic"), std::string(bad.begin(), bad.end()));
  const std::string before = ReadText(P("bad.nlic"));

  // The strict decode refuses it and writes nothing.
  EXPECT_EQ(Run({"decode", P("bad.nlic"), P("strict.png")}), 1);
  EXPECT_NE(err_.find("stripe 2 of 3 (rows 24-31)"), std::string::npos) << err_;

  EXPECT_EQ(Run({"decode", "--salvage", "-q", P("bad.nlic"), P("out.png")}), 5);
  EXPECT_NE(err_.find("stripe 2 of 3 (rows 24-31) is damaged"), std::string::npos) << err_;
  EXPECT_NE(err_.find("8 of 32 rows are zeros"), std::string::npos) << err_;
  EXPECT_EQ(ReadText(P("bad.nlic")), before);

  std::vector<uint8_t> png = ReadBytes(P("out.png"));
  Image out;
  ASSERT_TRUE(ReadPng(png.data(), png.size(), ReadLimits(), &out).ok());
  ASSERT_EQ(out.samples.size(), image_.samples.size());
  const size_t stride = size_t(image_.width) * image_.channels();
  for (size_t i = 0; i < out.samples.size(); ++i)
    ASSERT_EQ(out.samples[i], i / stride >= 24 ? 0 : image_.samples[i]) << "sample " << i;
  EXPECT_EQ(Listing(), (Names{"in.png", "good.nlic", "bad.nlic", "out.png"}));
}

TEST_F(CliSalvage, TruncatedFileAndStdout) {
  WriteText(P("cut.nlic"), std::string(file_.begin(), file_.begin() + long(file_.size() / 2)));
  EXPECT_EQ(Run({"decode", "--salvage", P("cut.nlic"), "-"}, "", P("out.png")), 5);
  EXPECT_NE(err_.find("missing"), std::string::npos) << err_;
  std::vector<uint8_t> png = ReadBytes(P("out.png"));
  Image out;
  EXPECT_TRUE(ReadPng(png.data(), png.size(), ReadLimits(), &out).ok());
}

TEST_F(CliSalvage, DamagedHeaderCannotBeSalvaged) {
  std::vector<uint8_t> bad = file_;
  bad.at(8) ^= 0x01;  // colour type: the header CRC no longer matches
  WriteText(P("bad.nlic"), std::string(bad.begin(), bad.end()));
  EXPECT_EQ(Run({"decode", "--salvage", P("bad.nlic"), P("out.png")}), 1);
  EXPECT_NE(err_.find("cannot salvage"), std::string::npos) << err_;
  EXPECT_NE(err_.find("header"), std::string::npos) << err_;
  EXPECT_EQ(Listing(), (Names{"in.png", "good.nlic", "bad.nlic"}));
}

TEST_F(CliSalvage, SalvageIsADecodeOption) {
  EXPECT_EQ(Run({"encode", "--salvage", P("in.png"), P("x.nlic")}), 2);
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.find("--salvage"), std::string::npos);
  EXPECT_NE(out_.find("  5  "), std::string::npos);
}

// --verify decodes what the encoder produced before anything is written:
// with a bit flipped by the test hook (as an encoder bug would), it fails
// with exit 4 and leaves no output; without --verify the damage would be
// written and only found when decoding.
TEST_F(CliTest, VerifyCatchesABrokenEncoder) {
  for (const char* offset : {"9", "40", "200"}) {  // header field, stripe record, payload
    env_ = {{"NLIC_TEST_FLIP_ENCODED_BIT", offset}};
    EXPECT_EQ(Run({"encode", "--verify", P("in.png"), P("out.nlic")}), 4) << "byte " << offset << ": " << err_;
    EXPECT_NE(err_.find("verification failed"), std::string::npos) << err_;
    EXPECT_EQ(Listing(), (Names{"in.png"})) << "byte " << offset;
  }
  ASSERT_EQ(Run({"encode", P("in.png"), P("out.nlic")}), 0) << err_;
  env_.clear();
  EXPECT_EQ(Run({"decode", P("out.nlic"), P("back.png")}), 1);
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic"}));
}

}  // namespace
}  // namespace nlic
