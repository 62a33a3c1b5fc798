//! Rule packs: schema, loading, placeholder expansion, compilation, self-test.
