// Renderer entry: Vue 3 with Vuetify, Pinia and the router.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import './contrast.css';
import { vuetify } from './plugins/vuetify';
import { router } from './router';

createApp(App).use(createPinia()).use(router).use(vuetify).mount('#app');
