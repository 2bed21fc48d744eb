#include "object_registry.h"

namespace strata::introspect {

void ObjectRegistry::add_object(const CatalogAddress& address, model::Object& object) {
  objects_[address] = &object;
}

void ObjectRegistry::add_alias(const CatalogAddress& address, model::Object& object) {
  aliases_[address] = &object;
}

void ObjectRegistry::add_extension_member(const CatalogAddress& address, model::Object& extension) {
  extension_members_[address] = &extension;
}

model::Object* ObjectRegistry::lookup(const Map& map, const CatalogAddress& address) {
  auto it = map.find(address);
  return it == map.end() ? nullptr : it->second;
}

model::Object* ObjectRegistry::object_at(const CatalogAddress& address) const {
  return lookup(objects_, address);
}

model::Object* ObjectRegistry::owner_of(const CatalogAddress& address) const {
  for (const CatalogAddress& candidate : {address, address.whole_object()}) {
    if (auto* object = lookup(objects_, candidate)) return object;
    if (auto* object = lookup(aliases_, candidate)) return object;
  }
  return nullptr;
}

model::Object* ObjectRegistry::dependency_target(const CatalogAddress& address) const {
  if (auto* object = owner_of(address)) return object;
  return lookup(extension_members_, address.whole_object());
}

bool ObjectRegistry::is_extension_member(const CatalogAddress& address) const {
  return lookup(extension_members_, address.whole_object()) != nullptr;
}

}  // namespace strata::introspect
